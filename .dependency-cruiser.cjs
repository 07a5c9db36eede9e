// The import rules `npm test` enforces (tests/architecture/import-graph.test.ts; by hand:
// `npx depcruise --config .dependency-cruiser.cjs <workspaces...>`). The rules are built from the
// workspaces' own package.json files, so a workspace's public surface is exactly its `exports`.
const { importRules } = require('./scripts/import-rules.cjs');

module.exports = {
  forbidden: importRules(__dirname),
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '(^|/)dist/', '^\\.data/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'],
    },
  },
};
