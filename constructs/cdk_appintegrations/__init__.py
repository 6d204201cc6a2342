"""AWS CDK L2 construct for Amazon AppIntegrations DataIntegration."""

from .config import FileConfiguration, ScheduleConfig
from .data_integration import DataIntegration

__all__ = ["DataIntegration", "FileConfiguration", "ScheduleConfig"]
