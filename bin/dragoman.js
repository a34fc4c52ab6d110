#!/usr/bin/env node
// In a checkout, tsx runs the TypeScript sources directly (no build step to forget); an install without
// development packages (production, the Docker image) runs the compiled output in dist/.
let main;
try {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('tsx')) throw error;
  ({ main } = await import('../dist/src/cli/main.js'));
}
process.exitCode = await main(process.argv.slice(2));
