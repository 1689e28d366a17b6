// Entry point: <script type="module" src=".../ph-network.js"> registers <ph-network>; sigma.js loads only for the graph view.
import { define } from '../core/define.js';
import { PhNetwork } from './ph-network.js';

define('ph-network', PhNetwork);
export { PhNetwork };

declare global {
  interface HTMLElementTagNameMap {
    'ph-network': PhNetwork;
  }
}
