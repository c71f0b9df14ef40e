-- Deleting chart tasks safely (issue 12, point 5).
--
-- A delete keeps what it removed: the rows of the task and its sub-tasks as
-- they were (every column, created_at included) and the links that went with
-- them. Undoing the delete restores from this record, never from data the
-- window sends; only the user who deleted may undo it, and only once
-- (restored_at). The task's id keys it: ids are never handed out again, and a
-- deleted task cannot be deleted again until it is restored.
CREATE TABLE task_deletion (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id         INTEGER NOT NULL REFERENCES plan(id),
    task_id         INTEGER NOT NULL,
    task_name       TEXT NOT NULL,
    -- JSON arrays: task rows (parents before children), link rows.
    tasks           TEXT NOT NULL,
    links           TEXT NOT NULL,
    deleted_by      INTEGER REFERENCES app_user(id),
    deleted_by_name TEXT NOT NULL,
    deleted_at      TEXT NOT NULL,
    restored_at     TEXT
);
CREATE INDEX task_deletion_task ON task_deletion(task_id, restored_at);

-- 撤销: a task others refer to is not deleted but cancelled (task.status =
-- 'cancelled'), keeping the task and every record about it. One row per task
-- cancelled; root_id is the task the user cancelled (its open sub-tasks are
-- cancelled with it). Resuming puts back the status each one had.
CREATE TABLE task_cancellation (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    root_id           INTEGER NOT NULL,
    task_id           INTEGER NOT NULL,
    previous_status   TEXT NOT NULL,
    reason            TEXT NOT NULL,
    cancelled_by      INTEGER REFERENCES app_user(id),
    cancelled_by_name TEXT NOT NULL,
    cancelled_at      TEXT NOT NULL,
    resumed_at        TEXT,
    resumed_by_name   TEXT
);
CREATE INDEX task_cancellation_task ON task_cancellation(task_id, resumed_at);
CREATE INDEX task_cancellation_root ON task_cancellation(root_id, resumed_at);
