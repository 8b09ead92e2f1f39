import { App } from 'cdktf';
import { synthApp } from './lib/core/app';
import { addTfstateAzureStack } from './stacks/tfstate-azure';
import { addStockwizStacks } from './stacks/stockwiz';
import { addTfstateAwsStack } from './stacks/tfstate-aws';
import { addPersonalTechStacks } from './stacks/personal-tech';
import { addCanalcoStacks } from './stacks/canalco';
import { AWS_PACK, AZURE_PACK, Policy } from './lib/policy';
import { addServerlessPlatformStacks } from './stacks/serverless-platform';
import { addFlowliteStacks } from './stacks/flowlite';

/*
 * One stack per architecture and environment, named `<architecture>-<environment>`
 * (see ../shared/DESIGN.md), plus the state bootstrap stacks.
 * Each architecture module exports `add<Architecture>Stacks(app)`.
 */
const app = new App();

// --- architectures (one line each) ---
addTfstateAzureStack(app);
addStockwizStacks(app);
addTfstateAwsStack(app);
addPersonalTechStacks(app);
addCanalcoStacks(app);
addServerlessPlatformStacks(app);
addFlowliteStacks(app);
// --- end architectures ---

// Policy packs at synth (lib/policy): errors fail synth, reports in cdktf.out/policy/.
Policy.enable(app, { packs: [AWS_PACK, AZURE_PACK] });

synthApp(app);
