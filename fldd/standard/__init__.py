"""The questionnaire standard: model, loader, condition language and scoring."""
