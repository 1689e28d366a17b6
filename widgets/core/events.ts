// Every widget event bubbles and is composed, so a host page can listen on document whatever shadow roots lie between.
import type { WidgetErrorCode } from '../../contract/errors.js';

/** Events the widgets dispatch, with what each carries in `detail`. */
export interface PhEventMap {
  /** The user chose a record: a directory result, a network member, an action. */
  'ph-select': { id: string; kind: string; name: string };
  /** A widget finished loading data: how many records it shows, and how many there are in all. */
  'ph-load': { shown: number; total: number };
  /** A widget could not load its data: a stable code and the message it shows. */
  'ph-error': { code: WidgetErrorCode; message: string };
}

/**
 * Dispatches a widget event. `ph-select` can be cancelled: a host that calls preventDefault() takes over (to open
 * its own page, say) and the widget does nothing more. Returns false when the host cancelled it.
 */
export function emit<K extends keyof PhEventMap>(from: HTMLElement, type: K, detail: PhEventMap[K]): boolean {
  return from.dispatchEvent(
    new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: type === 'ph-select' }),
  );
}
