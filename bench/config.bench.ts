// npm run bench: the config engine's benchmarks (issue 3 point 9). Figures are printed, not asserted.
//   validate: validateConfig on a generated 10,000-line config, target < 100 ms
//   resolve:  resolveAll for 10,000 module contexts on a generated 5,000-line config, target < 50 µs each
import { benchResolve } from "./config-resolve";
import { benchValidate } from "./config-validate";

benchValidate();
benchResolve();
