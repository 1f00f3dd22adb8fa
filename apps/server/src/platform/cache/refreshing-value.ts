/**
 * A value read from the database and kept in memory: reference data that every request needs and
 * that changes rarely (case categories, the holiday calendar). A change in this process drops it
 * at once (`invalidate`); a change by another process is noticed within `recheckMs`, when a cheap
 * version query no longer matches the one the value was loaded at.
 */
export class RefreshingValue<T> {
  private current: { value: T; version: string; checkedAt: number } | null = null;
  private loading: Promise<{ value: T; version: string }> | null = null;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly version: () => Promise<string>,
    private readonly recheckMs = 5_000,
    private readonly clock: () => number = Date.now,
  ) {}

  invalidate(): void {
    this.current = null;
    this.loading = null;
  }

  async get(): Promise<T> {
    const now = this.clock();
    if (this.current && now - this.current.checkedAt < this.recheckMs) return this.current.value;
    if (this.current) {
      const version = await this.version();
      if (version === this.current.version) {
        this.current.checkedAt = now;
        return this.current.value;
      }
    }
    this.loading ??= (async () => {
      const version = await this.version();
      return { value: await this.load(), version };
    })();
    const loading = this.loading;
    const loaded = await loading;
    if (this.loading === loading) {
      this.current = { ...loaded, checkedAt: now };
      this.loading = null;
    }
    return loaded.value;
  }
}
