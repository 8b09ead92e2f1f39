import { App } from 'cdktf';
import { synthApp } from './lib/core/app';
import { selected, selectStacks } from './lib/core/select';
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
// selectStacks / selected: CDKTF_STACKS=<stacks or architectures> builds only those (lib/core/select.ts).
const app = selectStacks(new App());

// --- architectures (one line each) ---
if (selected('tfstate-azure')) addTfstateAzureStack(app);
if (selected('stockwiz')) addStockwizStacks(app);
if (selected('tfstate-aws')) addTfstateAwsStack(app);
if (selected('personal-tech')) addPersonalTechStacks(app);
if (selected('canalco')) addCanalcoStacks(app);
// --- end architectures ---

synthApp(app);
