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
      name: 'adapters-at-the-edge',
      comment: 'Adapters never reach into the features, the assembly, the simulation or the CLI.',
      severity: 'error',
      from: { path: '^src/adapters' },
      to: { path: '^src/(features|assembly|simulation|cli)/' },
    },
    {
      name: 'features-are-independent',
      comment: 'A feature imports no other feature: what two features share lives in src/assembly/services/ or below.',
      severity: 'error',
      from: { path: '^src/features/([^/]+)/' },
      to: { path: '^src/features/', pathNot: ['^src/features/$1/', '^src/features/feature\\.ts$'] },
    },
    {
      name: 'only-the-assembly-lists-features',
      comment: 'Features are assembled in src/assembly/ (features.ts); the services and everything below never import one.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/features/', '^src/assembly/(?!services/)'] },
      to: { path: '^src/features/' },
    },
    {
      name: 'cli-through-the-assembly',
      comment: 'CLI commands take their stores from src/assembly/services/, the same the running bot uses.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/adapters/db/' },
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
