/**
 * The random part of a token, for the placeholder judgement: `ghp_xxxx…` is a placeholder because
 * of what follows `ghp_`, and `https://user:changeme@host` because of its password, not its host.
 */
export function tokenBody(secret: string): string {
  const userinfo = /^[a-z][\w+.-]{0,20}:\/\/[^:/@\s]{0,200}:(?<password>[^@\s]{1,400})@/i.exec(secret);
  if (userinfo?.groups) return userinfo.groups.password;
  // A vendor prefix (`sk_live_`, `xoxb-`, `glpat-`, `hvs.`): letters and digits up to a separator, twice at most.
  return secret.replace(/^[A-Za-z0-9]{1,12}[_.-][A-Za-z0-9]{1,8}[_-]|^[A-Za-z0-9]{1,12}[_.-]/, '');
}
