import { App } from 'cdktf';
import { buildStacks, synthApp } from './lib/core/app';
import { addTfstateAzureStack } from './stacks/tfstate-azure';
import { addStockwizStacks } from './stacks/stockwiz';
import { addTfstateAwsStack } from './stacks/tfstate-aws';
import { addPersonalTechStacks } from './stacks/personal-tech';
import { addCanalcoStacks } from './stacks/canalco';

/*
 * One stack per architecture and environment, named `<architecture>-<environment>`
 * (see ../shared/DESIGN.md), plus the state bootstrap stacks.
 * Each architecture module exports `add<Architecture>Stacks(app)`; `buildStacks`
 * calls them in turn and keeps an error in one from hiding the others'.
 * `synthApp` then reports every error of every stack at once and writes nothing,
 * or synthesizes.
 */
const app = new App();

buildStacks(app, [
  // --- architectures (one line each) ---
  addTfstateAzureStack,
  addStockwizStacks,
  addTfstateAwsStack,
  addPersonalTechStacks,
  addCanalcoStacks,
  // --- end architectures ---
]);

synthApp(app, { exitOnError: true });
