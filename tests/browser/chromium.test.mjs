// @ts-check
// The extension end to end in headless Chromium (playwright-core).
import { browserSuite } from './scenarios.mjs';
import { launchChromium } from './helpers.mjs';

browserSuite('chromium', launchChromium);
