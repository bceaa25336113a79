"""Sensors read over Modbus RTU (RS-485 gateways): the register map (sans-I/O) and the poller."""
