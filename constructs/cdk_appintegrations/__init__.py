"""AWS CDK L2 construct for Amazon AppIntegrations DataIntegration."""

from .config import FileConfiguration, ScheduleConfig
from .data_integration import DataIntegration
from .knowledge_base import AssistantOptions, KnowledgeBase
from .knowledge_base_reference import IKnowledgeBase, ImportedKnowledgeBase
from .provider import DataIntegrationProvider
from .reference import DataIntegrationBase, IDataIntegration
from .source import DataIntegrationSource

__version__ = "0.3.0"

__all__ = [
    "AssistantOptions",
    "DataIntegration",
    "DataIntegrationBase",
    "DataIntegrationProvider",
    "DataIntegrationSource",
    "FileConfiguration",
    "IDataIntegration",
    "IKnowledgeBase",
    "ImportedKnowledgeBase",
    "KnowledgeBase",
    "ScheduleConfig",
    "__version__",
]
