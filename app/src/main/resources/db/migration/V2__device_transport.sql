-- How each device is reached (MQTT or CoAP), and until when a CoAP device counts as online without refreshing
-- its presence.
ALTER TABLE device ADD COLUMN transport VARCHAR(8) DEFAULT 'MQTT' NOT NULL;
ALTER TABLE device ADD COLUMN presence_expires_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_device_presence_expiry ON device (presence_expires_at);
