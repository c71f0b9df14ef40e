-- Orders from the chart (issue 14): an order's close-out closes the tasks it
-- carries, and a close-out without the pictures or video the order asked for
-- needs a waiver with its reason.

-- Why the close-out went ahead without the evidence forms the order (or the
-- orders carrying the task) asked for; NULL when nothing was missing.
ALTER TABLE loop_closure ADD COLUMN evidence_waiver TEXT;
-- A task closed together with the order that carries it: that order.
ALTER TABLE loop_closure ADD COLUMN via_doc_id INTEGER REFERENCES dispatch_doc(id);
