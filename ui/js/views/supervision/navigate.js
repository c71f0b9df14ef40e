// Opening a supervised record from a list: a document in the documents page
// (its detail panel), a task in its plan's network chart.

import { openDocumentLater } from '../documents.js';
import { openPlanLater } from '../plans.js';

export function openTarget(ctx, item) {
  if (item.targetKind === 'document') {
    openDocumentLater(item.targetId);
    ctx.navigate('documents');
  } else if (item.planId) {
    openPlanLater(item.planId);
    ctx.navigate('plans');
  }
}
