// @ts-check
// The extension end to end in headless Firefox ESR (puppeteer-core over WebDriver BiDi).
import { browserSuite } from './scenarios.mjs';
import { launchFirefox } from './helpers.mjs';

browserSuite('firefox', launchFirefox);
