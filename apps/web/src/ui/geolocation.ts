/** A position the phone reported, with the time it was read. */
export interface PhonePoint {
  longitude: number;
  latitude: number;
  at: string;
}

/** The phone's position now, or null where the browser has none or the user refused it. */
export function currentPoint(): Promise<PhonePoint | null> {
  return new Promise((resolve) => {
    if (!("geolocation" in navigator)) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (position) =>
        resolve({ longitude: position.coords.longitude, latitude: position.coords.latitude, at: new Date().toISOString() }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  });
}
