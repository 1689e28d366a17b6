// Entry point: <script type="module" src=".../ph-directory.js"> registers <ph-directory>.
import { define } from '../core/define.js';
import { PhDirectory } from './ph-directory.js';

define('ph-directory', PhDirectory);
export { PhDirectory };

declare global {
  interface HTMLElementTagNameMap {
    'ph-directory': PhDirectory;
  }
}
