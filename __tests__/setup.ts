import { Testing } from 'cdktf';
// Brings the cdktf matcher types (toHaveResourceWithProperties, ...) into scope for tsc.
import 'cdktf/lib/testing/adapters/jest';

Testing.setupJest();
