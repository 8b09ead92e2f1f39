import { App } from 'cdktf';
import { synthApp } from './lib/core/app';

/*
 * One stack per architecture and environment, named `<architecture>-<environment>`
 * (see ../shared/DESIGN.md), plus the state bootstrap stacks.
 * Each architecture module exports `add<Architecture>Stacks(app)`.
 */
const app = new App();

// --- architectures (one line each) ---
// --- end architectures ---

synthApp(app);
