/** node-postgres's conversion of a JavaScript value to a parameter's text (exported as `pg/lib/utils`, not typed by @types/pg). */
declare module "pg/lib/utils.js" {
  export function prepareValue(value: unknown): string | Buffer | null;
}
