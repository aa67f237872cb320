export { securityConfigs, pavedSecurityPlugin } from './preset';
export { noDynamicRegexp, noShellInjection } from './rules';
