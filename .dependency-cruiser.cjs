/** Layer rules: the domain is pure, the application talks to ports, adapters sit at the edge. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain may import only other domain files (no SDKs, no node I/O, no adapters).',
      severity: 'error',
      from: { path: '^src/domain' },
      to: { pathNot: ['^src/domain'] },
    },
    {
      name: 'application-uses-ports',
      comment: 'src/application may import the domain, its own files and errors, never an adapter or SDK.',
      severity: 'error',
      from: { path: '^src/application' },
      to: { pathNot: ['^src/domain', '^src/application', '^src/errors\\.ts$', '^src/templates\\.ts$'] },
    },
    {
      name: 'only-config-reads-env',
      comment: 'Adapters do not import each other except shared helpers and the db client.',
      severity: 'error',
      from: { path: '^src/adapters/(slack|teams|console|pdf|nlp|csv|http|scheduler)/' },
      to: { path: '^src/(cli|main\\.ts)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, pathNot: '^src/adapters/db/generated' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/adapters/db/generated' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
