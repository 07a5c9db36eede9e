// The rules of the import graph, built from the workspaces' package.json files (see
// .dependency-cruiser.cjs); a workspace's public surface is exactly its `exports`.
const fs = require('node:fs');
const path = require('node:path');

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The files a workspace lets others import: its `exports` targets, wildcards granting nothing. */
function frontDoors(root, workspace) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, workspace, 'package.json'), 'utf8'));
  const targets = [];
  const collect = (value) => {
    if (typeof value === 'string') {
      if (!value.includes('*')) targets.push(path.posix.join(workspace, value));
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(collect);
    }
  };
  collect(manifest.exports);
  return targets;
}

/** dependency-cruiser rules for the monorepo at `root`. */
function importRules(root) {
  const { workspaces } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const anyWorkspace = workspaces.map(escape).join('|');
  const internals = workspaces.map((workspace) => {
    const doors = frontDoors(root, workspace).map((file) => `^${escape(file)}$`);
    return {
      name: `no-internals-of-${workspace}`,
      comment: `Other rooms import ${workspace} only through the files its package.json exports.`,
      severity: 'error',
      from: { pathNot: `^${escape(workspace)}/` },
      to: { path: `^${escape(workspace)}/`, pathNot: doors.length > 0 ? doors : undefined },
    };
  });
  return [
    {
      name: 'no-circular',
      comment: 'A cycle means two modules cannot be understood, tested or moved apart.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...internals,
    {
      name: 'no-cli-from-lower-rooms',
      comment: 'cli/ wires processes together; nothing below it may depend on it (tests and the harness start whole stacks, so they may).',
      severity: 'error',
      from: { pathNot: '^(cli|bin|tests|testing)/' },
      to: { path: '^cli/' },
    },
    {
      name: 'testing-only-in-tests',
      comment: 'The test harness is a devDependency: only tests and the bench may import it.',
      severity: 'error',
      from: { path: `^(${anyWorkspace})/`, pathNot: ['\\.(test|fixture)\\.tsx?$', '^(testing|bench)/'] },
      to: { path: '^testing/' },
    },
  ];
}

module.exports = { importRules };
