import { App } from 'cdktf';
import { synthApp } from './lib/core/app';
import { addTfstateAzureStack } from './stacks/tfstate-azure';
import { addStockwizStacks } from './stacks/stockwiz';
import { addTfstateAwsStack } from './stacks/tfstate-aws';
import { addPersonalTechStacks } from './stacks/personal-tech';
import { addCanalcoStacks } from './stacks/canalco';

/*
 * One stack per architecture and environment, named `<architecture>-<environment>`
 * (see ../shared/DESIGN.md), plus the state bootstrap stacks.
 * Each architecture module exports `add<Architecture>Stacks(app)`.
 */
// Stack traces in construct metadata cost a captured (and source-mapped) trace per
// resource, about a third of a full synth; set CDKTF_STACK_TRACES=1 to get them back.
const app = new App({ stackTraces: process.env.CDKTF_STACK_TRACES === '1' });

// --- architectures (one line each) ---
addTfstateAzureStack(app);
addStockwizStacks(app);
addTfstateAwsStack(app);
addPersonalTechStacks(app);
addCanalcoStacks(app);
// --- end architectures ---

synthApp(app);
