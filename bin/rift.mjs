#!/usr/bin/env node
// The `rift` command. TypeScript sources run through tsx, so there is no server build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/src/main.ts');
