// Entry point for every widget at once: <script type="module" src=".../ph-widgets.js">.
import './directory/index.js';
import './programme/index.js';
import './comms-plan/index.js';
import './network/index.js';
