-- The PD backtest per grade of each report's matured cohort (JSON list). Reports written before have none (NULL).
ALTER TABLE monitoring_report ADD COLUMN calibration_by_grade text;
