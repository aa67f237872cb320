// pnpm hook: the one narrow exception to `engine-strict=true` (.npmrc).
//
// secretlint 13.x declares `engines.node >=22` but runs on Node 20 (measured: the same findings
// as on 22, and 5-10x faster than secretlint 12, the last release that admits Node 20). We pin
// exact versions below and drop the engines field only for these packages, so engine-strict
// still refuses every other package that does not support our Node range. Remove an entry (and
// this file) once the project's Node floor reaches 22. See docs/security.md, "Secret scanning".
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
