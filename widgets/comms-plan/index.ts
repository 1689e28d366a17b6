// Entry point: <script type="module" src=".../ph-comms-plan.js"> registers <ph-comms-plan>.
import { define } from '../core/define.js';
import { PhCommsPlan } from './ph-comms-plan.js';

define('ph-comms-plan', PhCommsPlan);
export { PhCommsPlan };

declare global {
  interface HTMLElementTagNameMap {
    'ph-comms-plan': PhCommsPlan;
  }
}
