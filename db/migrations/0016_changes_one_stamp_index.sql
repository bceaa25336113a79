-- The change log had two indexes on its stamp: changes_hlc (0001) and the unique changes_hlc_once
-- (0010), which answers every lookup the first did. Each applied change paid for both.
DROP INDEX IF EXISTS changes_hlc;
