package io.holdfast.core;

public enum Platform { SLACK, TEAMS, CONSOLE }
