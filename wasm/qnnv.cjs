'use strict';
// CommonJS entry (require('qnnv')). Node 20 cannot require() an ES module, so the API is reached through
// import(): createValidator and runCommandLine are the ES module's, loaded on first call; load() gives the
// whole module (for QnnvError, toModelExplorerNodeData).
const load = () => import('./qnnv.mjs');

exports.load = load;
exports.createValidator = async (options) => (await load()).createValidator(options);
exports.runCommandLine = async (args, host, options) => (await load()).runCommandLine(args, host, options);
