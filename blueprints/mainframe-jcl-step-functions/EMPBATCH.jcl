//EMPBATCH JOB (ACCT),'EMPLOYEE FEED',CLASS=A,MSGCLASS=X,NOTIFY=&SYSUID
//* -----------------------------------------------------------------
//* Sample of the employee-feed batch job this blueprint's workflow
//* replaces (template.yaml, EmployeeBatchWorkflow). Each step names
//* the workflow state that does its work now.
//* -----------------------------------------------------------------
//         SET REGN=DEV
//* -----------------------------------------------------------------
//* DELETE: files of the previous run.
//*   Workflow: not needed (the feed bucket is versioned).
//* -----------------------------------------------------------------
//DELETE   EXEC PGM=IEFBR14
//OLDEXT   DD DSN=EMP.&REGN..EXTRACT,DISP=(MOD,DELETE,DELETE),
//            SPACE=(TRK,0)
//OLDMIS   DD DSN=EMP.&REGN..MISMATCH,DISP=(MOD,DELETE,DELETE),
//            SPACE=(TRK,0)
//* -----------------------------------------------------------------
//* EXTRACT: unload the employee table; RC 4 when it has no rows.
//*   Workflow: "Extract employee database" (DynamoDB Scan of
//*   EmployeeTable).
//* -----------------------------------------------------------------
//EXTRACT  EXEC PGM=IKJEFT01,DYNAMNBR=20
//STEPLIB  DD DSN=DSN.SDSNLOAD,DISP=SHR
//SYSTSPRT DD SYSOUT=*
//SYSPRINT DD SYSOUT=*
//SYSREC00 DD DSN=EMP.&REGN..EXTRACT,DISP=(NEW,CATLG,DELETE),
//            SPACE=(CYL,(5,5)),DCB=(RECFM=FB,LRECL=120)
//SYSPUNCH DD DUMMY
//SYSTSIN  DD *
  DSN SYSTEM(DB2P)
  RUN PROGRAM(DSNTIAUL) PLAN(DSNTIAUL) PARMS('SQL')
  END
/*
//SYSIN    DD *
  SELECT EMPLOYEE_ID, NAME, DEPARTMENT, START_DATE
    FROM HR.EMPLOYEE;
/*
//* -----------------------------------------------------------------
//* CHECK: the employee feed; RC 8 when it is empty.
//*   Workflow: "Fetch employee feed" (S3 GetObject) and
//*   "Feed empty?" -> "Nothing to process".
//* -----------------------------------------------------------------
//CHECK    EXEC PGM=IDCAMS,COND=(4,LT,EXTRACT)
//SYSPRINT DD SYSOUT=*
//FEED     DD DSN=EMP.&REGN..FEED,DISP=SHR
//SYSIN    DD *
  PRINT INFILE(FEED) COUNT(1)
  IF LASTCC = 4 THEN SET MAXCC = 8
/*
//* -----------------------------------------------------------------
//* COMPARE: the feed with the extract; mismatches to a file.
//*   Workflow: "Validate employee feed" (ValidateFeedFunction,
//*   src/validate/app.py).
//* -----------------------------------------------------------------
//COMPARE  EXEC PGM=EMPCMP,COND=(4,LT)
//STEPLIB  DD DSN=EMP.LOADLIB,DISP=SHR
//FEEDIN   DD DSN=EMP.&REGN..FEED,DISP=SHR
//EXTRIN   DD DSN=EMP.&REGN..EXTRACT,DISP=SHR
//MISMATCH DD DSN=EMP.&REGN..MISMATCH,DISP=(NEW,CATLG,DELETE),
//            SPACE=(TRK,(5,5)),DCB=(RECFM=FB,LRECL=200)
//SYSOUT   DD SYSOUT=*
//* -----------------------------------------------------------------
//* SEND: the mismatch file to the downstream system, in PROD only
//* and only when COMPARE found mismatches (RC 4).
//*   Workflow: "Read run environment" (Parameter Store, the REGN
//*   symbol) and "Publish discrepancies?" -> "Publish
//*   discrepancies" (EventBridge, then DiscrepancyQueue).
//* -----------------------------------------------------------------
//         IF (COMPARE.RC = 4 AND '&REGN' = 'PROD') THEN
//SEND     EXEC PGM=FTP,PARM='(EXIT'
//OUTPUT   DD SYSOUT=*
//MISMATCH DD DSN=EMP.&REGN..MISMATCH,DISP=SHR
//INPUT    DD *
downstream.example.com
PUT //'EMP.PROD.MISMATCH' mismatch.txt
QUIT
/*
//         ENDIF
