import { App } from 'cdktf';
import { buildStacks, synthApp } from './lib/core/app';
import { selectArchitectures, selectStacks } from './lib/core/select';
import { AWS_PACK, AZURE_PACK, Policy } from './lib/policy';
import { addTfstateAzureStack } from './stacks/tfstate-azure';
import { addStockwizStacks } from './stacks/stockwiz';
import { addTfstateAwsStack } from './stacks/tfstate-aws';
import { addPersonalTechStacks } from './stacks/personal-tech';
import { addCanalcoStacks } from './stacks/canalco';
import { addFlowliteStacks } from './stacks/flowlite';
import { addServerlessPlatformStacks } from './stacks/serverless-platform';

/*
 * One stack per architecture and environment, named `<architecture>-<environment>`
 * (see docs/architectures/), plus the state bootstrap stacks.
 * Each architecture module exports `add<Architecture>Stacks(app)`; `buildStacks`
 * calls them in turn and keeps an error in one from hiding the others'.
 * `synthApp` then reports every error of every stack at once and writes nothing,
 * or synthesizes.
 * CDKTF_STACKS=<stacks or architectures> builds only those (lib/core/select.ts): an
 * architecture that is not selected does not even load its module.
 */
const app = selectStacks(new App());

buildStacks(
  app,
  selectArchitectures({
    // --- architectures (one line each) ---
    'tfstate-azure': (a: App) => addTfstateAzureStack(a),
    stockwiz: (a: App) => addStockwizStacks(a),
    'tfstate-aws': (a: App) => addTfstateAwsStack(a),
    'personal-tech': (a: App) => addPersonalTechStacks(a),
    canalco: (a: App) => addCanalcoStacks(a),
    flowlite: (a: App) => addFlowliteStacks(a),
    'serverless-platform': (a: App) => addServerlessPlatformStacks(a),
    // --- end architectures ---
  }),
);

// Policy packs at synth (lib/policy): errors fail synth, reports in cdktf.out/policy/.
Policy.enable(app, { packs: [AWS_PACK, AZURE_PACK] });

synthApp(app, { exitOnError: true });
