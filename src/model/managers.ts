/** What a rollback finding says about an object's owner: a manual fix there is reverted by the owner's next sync. */
import { ownerText } from './owner-text.js';
import type { ModelObject } from './types.js';

/** `; it is managed by Helm release shop/cart, whose next sync or upgrade reverts a manual change: change it there`, or ''. */
export function managerNote(obj: ModelObject): string {
  return obj.owner ? `; it is managed by ${ownerText(obj.owner)}, whose next sync or upgrade reverts a manual change: change it there` : '';
}
