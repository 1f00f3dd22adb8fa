import { suggestedVisitRules } from "@linli/contracts";
import { localDate } from "../../platform/time/local-date.js";
import type { Services } from "../../services.js";
import { actorOf } from "./demo-cases.js";
import { demoCommunities } from "./demo-data.js";

const context = { ip: null };

/**
 * Each community's visit rules as its chief grid leader would set them (the suggested ones), and
 * the tasks planned for the periods containing `today`. Returns the tasks made.
 */
export async function loadDemoVisits(services: Services, accounts: ReadonlyMap<string, string>, today: Date): Promise<number> {
  let tasks = 0;
  for (const community of demoCommunities) {
    const username = community.slug === "kuihuali" ? "demo.chief" : `${community.slug}.chief`;
    const userId = accounts.get(username);
    if (!userId) throw new Error(`demo account ${username} is missing`);
    const chief = actorOf(userId, username, "chief_grid_leader", { regions: [community.code], grids: [] });
    for (const rule of suggestedVisitRules)
      await services.visitRules.create(chief, { ...rule, regionCode: community.code }, context);
    const plan = await services.visitPlans.plan(chief, { regionCode: community.code, on: localDate(today) }, context);
    tasks += plan.created;
  }
  return tasks;
}
