/**
 * The example Azure app. `cd examples/azure && npx cdktf synth` runs this file (cdktf.json: the
 * repository's loader, scripts/synth.js) and writes cdktf.out/stacks/notes-dev/cdk.tf.json here.
 */
import { App } from 'cdktf';
import { synthApp } from '../../lib/core';
import { AZURE_PACK, Policy } from '../../lib/policy';
import { NotesStack } from './stack';

const app = new App();

new NotesStack(app, 'notes-dev', {
  environment: 'dev',
  stage: 'non-production',
  location: 'westeurope',
  subscriptionId: '00000000-1111-4222-8333-444444444444',
  // Remote state in a storage account (Entra ID auth); key `notes-dev.tfstate`.
  backend: { type: 'azurerm', resourceGroupName: 'rg-tfstate', storageAccountName: 'acmenotestfstate', containerName: 'tfstate' },
  image: 'notes:1.0.0',
});

// Policy packs at synth: an error fails synth (nothing written), reports land in cdktf.out/policy/.
Policy.enable(app, { packs: [AZURE_PACK] });
// Every validation and policy error of the app at once, one line each; exit 1 and nothing written on any.
synthApp(app, { exitOnError: true });
