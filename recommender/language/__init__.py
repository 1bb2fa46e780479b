"""Understanding shoppers: free text -> constraints (parser) and the conversation's state (dialogue)."""
