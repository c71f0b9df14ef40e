-- Evidence files for periodic work ticked done (issue 6: "attachments when
-- the closed-loop issue's store exists"): the same content-addressed store
-- as feedback and rectifications; the name is the one the user attached.
CREATE TABLE spec_instance_attachment (
    instance_id INTEGER NOT NULL REFERENCES spec_instance(id),
    sha256      TEXT NOT NULL REFERENCES attachment(sha256),
    name        TEXT NOT NULL,
    PRIMARY KEY (instance_id, sha256, name)
);
