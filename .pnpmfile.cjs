// pnpm hook: the one narrow exception to `engine-strict=true` (.npmrc).
//
// secretlint 13.x declares `engines.node >=22` but runs on Node 20 (measured: the same findings
// as on 22, and 5-10x faster than secretlint 12, the last release that admits Node 20). For the
// exact versions below, readPackage drops the engines field, so pnpm-lock.yaml records none for
// them and installs from the lockfile (CI's --frozen-lockfile, fresh clones) pass with
// engine-strict on. Every other package, and any other version of these, is still refused.
//
// pnpm checks a package's engines against the registry manifest before this hook runs, so adding
// or bumping one of these needs one reviewed resolution: put the exact version here, then run
// `pnpm install --config.engine-strict=false` and check its output for any other engine warning.
// Remove an entry (and this file) once the project's Node floor reaches 22. See docs/security.md.
const nodeEnginesWaived = {
  '@secretlint/config-creator': '13.0.6',
  '@secretlint/config-loader': '13.0.6',
  '@secretlint/core': '13.0.6',
  '@secretlint/formatter': '13.0.6',
  '@secretlint/node': '13.0.6',
  '@secretlint/profiler': '13.0.6',
  '@secretlint/resolver': '13.0.6',
  '@secretlint/secretlint-rule-preset-recommend': '13.1.0',
  '@secretlint/source-creator': '13.0.6',
  '@secretlint/types': '13.0.6',
  '@secretlint/walker': '13.0.6',
  secretlint: '13.0.6',
};

function readPackage(pkg, context) {
  if (nodeEnginesWaived[pkg.name] === pkg.version && pkg.engines && pkg.engines.node) {
    context.log(`engines.node "${pkg.engines.node}" of ${pkg.name}@${pkg.version} waived (.pnpmfile.cjs)`);
    delete pkg.engines.node;
  }
  return pkg;
}

module.exports = { hooks: { readPackage } };
