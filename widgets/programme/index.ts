// Entry point: <script type="module" src=".../ph-programme.js"> registers <ph-programme>.
import { define } from '../core/define.js';
import { PhProgramme } from './ph-programme.js';

define('ph-programme', PhProgramme);
export { PhProgramme };

declare global {
  interface HTMLElementTagNameMap {
    'ph-programme': PhProgramme;
  }
}
