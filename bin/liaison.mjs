#!/usr/bin/env node
// Runs the CLI straight from the TypeScript sources so `npx liaison` works right after `npm ci`,
// with no build step that could fall out of date.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/index.ts');
