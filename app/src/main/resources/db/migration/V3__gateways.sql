-- Child devices reached through a gateway: the gateway's device id, NULL for a device on its own connection.
ALTER TABLE device ADD COLUMN gateway_id VARCHAR(128);
CREATE INDEX ix_device_gateway ON device (gateway_id, id);
