-- A finished cutover whose replay request could not be delivered within the REPLAY step's timeout:
-- the control center delivers it later (ReplayRedelivery) and clears the flag when every target unit has it.
-- Cutovers stored before this version keep FALSE; their state document still lists what was delivered.

ALTER TABLE cutover ADD COLUMN replay_pending BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX ix_cutover_replay_pending ON cutover (replay_pending);
