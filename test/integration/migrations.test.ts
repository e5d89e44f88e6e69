import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('committed migrations', () => {
  it('the init migration is exactly what prisma generates from the schema', () => {
    const generated = execFileSync(
      process.execPath,
      ['node_modules/prisma/build/index.js', 'migrate', 'diff', '--from-empty', '--to-schema-datamodel', 'prisma/schema.prisma', '--script'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const committed = readFileSync('prisma/migrations/20261125000000_init/migration.sql', 'utf8');
    expect(committed).toBe(generated);
  });
});
