import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { rememberLocale, storedLocale } from "./app/i18n";
import { Providers } from "./app/providers";
import { AppRouter } from "./app/router";

rememberLocale(storedLocale());
const root = document.getElementById("root");
if (!root) throw new Error("#root missing from index.html");
createRoot(root).render(
  <StrictMode>
    <Providers>
      <AppRouter />
    </Providers>
  </StrictMode>,
);
