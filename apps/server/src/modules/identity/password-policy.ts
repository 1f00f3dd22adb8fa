/**
 * The most common passwords (global leak lists and the Chinese ones that top them), compared
 * case-insensitively. Length and this list are what NIST SP 800-63B asks of a verifier.
 */
const commonPasswords = new Set([
  "123456",
  "123456789",
  "12345678",
  "1234567890",
  "12345",
  "1234567",
  "111111",
  "000000",
  "123123",
  "666666",
  "888888",
  "88888888",
  "11111111",
  "00000000",
  "112233",
  "121212",
  "123321",
  "654321",
  "7758521",
  "5201314",
  "1314520",
  "woaini",
  "woaini1314",
  "woaini520",
  "iloveyou",
  "password",
  "password1",
  "password123",
  "passw0rd",
  "p@ssw0rd",
  "qwerty",
  "qwerty123",
  "qwertyuiop",
  "abc123",
  "abcd1234",
  "a123456",
  "a12345678",
  "aa123456",
  "qq123456",
  "1qaz2wsx",
  "1q2w3e4r",
  "zxcvbnm",
  "asdfghjkl",
  "admin",
  "admin123",
  "admin@123",
  "root",
  "welcome",
  "letmein",
  "monkey",
  "dragon",
  "sunshine",
  "princess",
  "football",
  "baseball",
  "master",
  "superman",
  "trustno1",
  "123qwe",
  "qweasdzxc",
  "147258369",
  "987654321",
  "11223344",
  "wang123456",
  "zhang123456",
  "li123456",
]);

export type PasswordProblem =
  | { code: "too_short_password"; minimum: number }
  | { code: "too_few_classes"; required: number }
  | { code: "too_common" }
  | { code: "contains_username" };

export interface PasswordRules {
  minLength: number;
  /**
   * How many of four kinds of character it must mix: lower-case, upper-case, digits, others
   * (punctuation, Chinese characters). 1 by default, as NIST advises; deployments assessed under
   * 等保 often set 3.
   */
  characterClasses: number;
}

const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];

/** What is wrong with a chosen password, or null when it may be used. */
export function checkPassword(password: string, username: string, rules: PasswordRules): PasswordProblem | null {
  if ([...password].length < rules.minLength) return { code: "too_short_password", minimum: rules.minLength };
  if (classes.filter((kind) => kind.test(password)).length < rules.characterClasses)
    return { code: "too_few_classes", required: rules.characterClasses };
  if (commonPasswords.has(password.toLowerCase())) return { code: "too_common" };
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return { code: "contains_username" };
  return null;
}
