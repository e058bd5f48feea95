-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'viewer',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "diff" TEXT,
    "reason" TEXT,
    CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConfigRevision" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "path" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "restoredFrom" INTEGER
);

-- CreateTable
CREATE TABLE "Module" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "baseLsid" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ModuleVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "moduleId" INTEGER NOT NULL,
    "lsid" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "commandLine" TEXT NOT NULL,
    "manifest" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "taskLibDir" TEXT,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ModuleVersion_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RangeRule" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "baseLsid" TEXT NOT NULL,
    "range" TEXT NOT NULL,
    "props" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Environment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Pin" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "environmentId" INTEGER NOT NULL,
    "target" TEXT NOT NULL,
    "jobDefinition" TEXT NOT NULL,
    "image" TEXT,
    "imageDigest" TEXT,
    "previous" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Pin_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JobDefinitionSnapshot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "arn" TEXT,
    "status" TEXT NOT NULL,
    "json" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "firstSeen" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeen" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "LocalJobDefinition" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "json" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "TestJob" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "executor" TEXT NOT NULL,
    "moduleName" TEXT NOT NULL,
    "moduleLsid" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "submittedBy" TEXT NOT NULL,
    "queue" TEXT,
    "jobDefinition" TEXT,
    "externalId" TEXT,
    "state" TEXT NOT NULL,
    "statusReason" TEXT,
    "exitCode" INTEGER,
    "plan" TEXT NOT NULL,
    "workDir" TEXT NOT NULL,
    "metaDir" TEXT NOT NULL,
    "pid" INTEGER,
    "supervisorPid" INTEGER,
    "idempotencyKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "stoppedAt" DATETIME
);

-- CreateTable
CREATE TABLE "TestJobEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "state" TEXT,
    "reason" TEXT,
    "data" TEXT,
    CONSTRAINT "TestJobEvent_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "TestJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "options" TEXT NOT NULL,
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL,
    "startedBy" TEXT NOT NULL,
    "jobId" INTEGER,
    "filesTotal" INTEGER NOT NULL DEFAULT 0,
    "bytesTotal" BIGINT NOT NULL DEFAULT 0,
    "filesDone" INTEGER NOT NULL DEFAULT 0,
    "bytesDone" BIGINT NOT NULL DEFAULT 0,
    "filesSkipped" INTEGER NOT NULL DEFAULT 0,
    "filesDeleted" INTEGER NOT NULL DEFAULT 0,
    "rate" REAL NOT NULL DEFAULT 0,
    "errors" TEXT,
    "plan" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

-- CreateTable
CREATE TABLE "LogPage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "jobId" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "stream" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "nextToken" TEXT,
    "events" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "LoginAttempt_key_createdAt_idx" ON "LoginAttempt"("key", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_idx" ON "AuditEvent"("action");

-- CreateIndex
CREATE INDEX "AuditEvent_target_idx" ON "AuditEvent"("target");

-- CreateIndex
CREATE INDEX "ConfigRevision_path_createdAt_idx" ON "ConfigRevision"("path", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Module_baseLsid_key" ON "Module"("baseLsid");

-- CreateIndex
CREATE INDEX "Module_name_idx" ON "Module"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ModuleVersion_lsid_key" ON "ModuleVersion"("lsid");

-- CreateIndex
CREATE INDEX "ModuleVersion_moduleId_idx" ON "ModuleVersion"("moduleId");

-- CreateIndex
CREATE INDEX "RangeRule_baseLsid_idx" ON "RangeRule"("baseLsid");

-- CreateIndex
CREATE UNIQUE INDEX "Environment_name_key" ON "Environment"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Pin_environmentId_target_key" ON "Pin"("environmentId", "target");

-- CreateIndex
CREATE INDEX "JobDefinitionSnapshot_hash_idx" ON "JobDefinitionSnapshot"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "JobDefinitionSnapshot_source_name_revision_key" ON "JobDefinitionSnapshot"("source", "name", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "LocalJobDefinition_name_revision_key" ON "LocalJobDefinition"("name", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "TestJob_idempotencyKey_key" ON "TestJob"("idempotencyKey");

-- CreateIndex
CREATE INDEX "TestJob_state_createdAt_idx" ON "TestJob"("state", "createdAt");

-- CreateIndex
CREATE INDEX "TestJob_moduleName_createdAt_idx" ON "TestJob"("moduleName", "createdAt");

-- CreateIndex
CREATE INDEX "TestJob_executor_createdAt_idx" ON "TestJob"("executor", "createdAt");

-- CreateIndex
CREATE INDEX "TestJob_submittedBy_createdAt_idx" ON "TestJob"("submittedBy", "createdAt");

-- CreateIndex
CREATE INDEX "TestJob_queue_createdAt_idx" ON "TestJob"("queue", "createdAt");

-- CreateIndex
CREATE INDEX "TestJob_createdAt_idx" ON "TestJob"("createdAt");

-- CreateIndex
CREATE INDEX "TestJobEvent_jobId_at_idx" ON "TestJobEvent"("jobId", "at");

-- CreateIndex
CREATE INDEX "SyncRun_createdAt_idx" ON "SyncRun"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "LogPage_jobId_attempt_stream_token_key" ON "LogPage"("jobId", "attempt", "stream", "token");

