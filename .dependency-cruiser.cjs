/**
 * The layers of docs/architecture.md, enforced by `npm run lint`. Each rule names what it keeps
 * out; a violation prints the importing file, the imported one and the rule's comment.
 */
const BASE = '^src/(config|logger|paths)\\.ts$|^src/db/|^src/jobs/';
const FEATURES = '^src/(contacts|accounts|sync|auth|admin|setup|health)/';
/** What the features that edit Salesforce records share, below them and above the toolkits. */
const RECORDS = '^src/records/';
const APP = '^src/(app|routes)\\.ts$';
const PROCESS = '^src/process/|^src/(server|release|worker)\\.ts$';
const DEVELOPMENT = '^src/(dev|emulator|loginEmulator|demo)/|^src/devServer\\.ts$';
/** The one door from production to development code: a demo's web dyno, loaded on demand. */
const SERVER = '^src/server\\.ts$';
const DEMO_DYNO = '^src/demo/demoDyno\\.ts$';

/** Everything at or above a layer, for "may not import upwards" rules. */
const ABOVE_BASE = ['^src/(connect|web|audit)/', RECORDS, FEATURES, APP, PROCESS, DEVELOPMENT].join(
  '|',
);
const ABOVE_TOOLKIT = [RECORDS, FEATURES, APP, PROCESS, DEVELOPMENT].join('|');
const ABOVE_RECORDS = [FEATURES, APP, PROCESS, DEVELOPMENT].join('|');
const ABOVE_FEATURES = [APP, PROCESS, DEVELOPMENT].join('|');

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other cannot be read, tested or moved one at a time.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'base-imports-nothing-above',
      severity: 'error',
      comment:
        'config, logger, paths and db/ are the bottom layer: they import no app code above them.',
      from: { path: BASE },
      to: { path: ABOVE_BASE },
    },
    {
      name: 'toolkits-stay-below-features',
      severity: 'error',
      comment:
        'connect/ (what Heroku Connect defines), web/ (the HTTP toolkit) and audit/ (the record of who changed what) serve the features and never import them.',
      from: { path: '^src/(connect|web|audit)/' },
      to: { path: ABOVE_TOOLKIT },
    },
    {
      name: 'toolkits-are-independent',
      severity: 'error',
      comment:
        'connect/ knows nothing of HTTP, web/ nothing of Connect, audit/ neither; a feature joins them.',
      from: { path: '^src/(connect|web|audit)/' },
      to: { path: '^src/(connect|web|audit)/', pathNot: '^src/$1/' },
    },
    {
      name: 'records-stay-below-features',
      comment:
        'records/ is what contacts/ and accounts/ share (form fields, validation, the three-way merge, form tokens): it serves them and never imports them.',
      severity: 'error',
      from: { path: RECORDS },
      to: { path: ABOVE_RECORDS },
    },
    {
      name: 'features-import-no-sibling',
      severity: 'error',
      comment:
        'A feature never imports another feature: what two share moves down a layer, and app.ts wires them together.',
      from: { path: FEATURES },
      to: { path: FEATURES, pathNot: '^src/$1/' },
    },
    {
      name: 'features-stay-below-the-app',
      severity: 'error',
      comment:
        'Features are mounted by app.ts; they never import it, the process model or development code.',
      from: { path: FEATURES },
      to: { path: ABOVE_FEATURES },
    },
    {
      name: 'app-stays-below-processes',
      severity: 'error',
      comment: 'app.ts builds the app from what it is given; processes and entry points start it.',
      from: { path: APP },
      to: { path: [PROCESS, DEVELOPMENT].join('|') },
    },
    {
      name: 'production-never-reaches-development-code',
      severity: 'error',
      comment:
        'server.ts, release.ts and everything they run must not import dev/, the emulator, demo/ or devServer.ts.',
      from: { path: '^src/', pathNot: [DEVELOPMENT, SERVER].join('|') },
      to: { path: DEVELOPMENT },
    },
    {
      name: 'server-loads-only-the-demo-and-only-on-demand',
      severity: 'error',
      comment:
        'server.ts may reach development code only through a dynamic import of demo/demoDyno.ts, which it makes when CONTACT_CARD_DEMO is on; a production dyno never loads it.',
      from: { path: SERVER },
      to: { path: DEVELOPMENT, pathNot: DEMO_DYNO },
    },
    {
      name: 'server-imports-the-demo-dynamically',
      severity: 'error',
      comment: 'A static import would load the emulator into every production dyno.',
      from: { path: SERVER },
      to: { path: DEMO_DYNO, dependencyTypesNot: ['dynamic-import'] },
    },
    {
      name: 'dev-never-imports-the-emulator',
      severity: 'error',
      comment:
        'The emulator builds on dev/ (its guard, its Connect-writer session), never the reverse.',
      from: { path: '^src/dev/' },
      to: { path: '^src/(emulator|demo)/|^src/devServer\\.ts$' },
    },
    {
      name: 'src-imports-no-tests',
      severity: 'error',
      comment: 'The app never depends on its tests, benchmark or browser tests.',
      from: { path: '^src/' },
      to: { path: '^(test|bench|e2e|scripts)/' },
    },
    {
      name: 'tests-import-no-benchmark',
      severity: 'error',
      comment:
        'Tests share helpers through test/support/, which bench/ and e2e/ may import; never the other way.',
      from: { path: '^test/' },
      to: { path: '^(bench|e2e)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|\\.data|artifacts)/' },
    tsConfig: { fileName: 'tsconfig.test.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
