package sparkbook.kernel.protocol;

import org.junit.jupiter.api.Test;
import sparkbook.display.MimeBundle;
import sparkbook.kernel.channels.WireCodec;
import sparkbook.kernel.interpreter.EvalOutcome;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each typed content is written as exactly the JSON the protocol expects: keys, optional keys, value types. */
class ContentsTest {

    /** The content as the wire codec writes it; {@code '} in the expected JSON stands for {@code "}. */
    private static void assertWire(String expected, Object content) {
        assertEquals(expected.replace('\'', '"'), WireCodec.GSON.toJson(Contents.toJson(content)));
    }


    @Test
    void executeReplyOkWithUserExpressionsAndExit() {
        Map<String, Execute.UserExpression> exprs = new LinkedHashMap<>();
        exprs.put("x", Execute.UserExpression.Value.of(MimeBundle.text("42")));
        exprs.put("bad", new Execute.UserExpression.Failed(new Execute.Error("TypeError", "no", List.of("TypeError: no"))));
        assertWire("{'execution_count':3,'status':'ok','user_expressions':{"
                        + "'x':{'data':{'text/plain':'42'},'metadata':{},'status':'ok'},"
                        + "'bad':{'ename':'TypeError','evalue':'no','traceback':['TypeError: no'],'status':'error'}},"
                        + "'payload':[{'source':'ask_exit','keepkernel':false}]}",
                new Execute.Reply.Ok(3, exprs, List.of(Execute.AskExit.CLOSE)));
        assertWire("{'execution_count':1,'status':'ok','user_expressions':{},'payload':[]}",
                new Execute.Reply.Ok(1, Map.of(), List.of()));
    }

    @Test
    void executeReplyErrorRepeatsTheErrorAndAbortedHasOnlyItsCount() {
        Execute.Error error = Execute.Error.of(new EvalOutcome.CompileError("cannot find symbol", List.of("line 1", "^")));
        assertWire("{'ename':'CompileError','evalue':'cannot find symbol','traceback':['line 1','^']}", error);
        assertWire("{'execution_count':2,'ename':'CompileError','evalue':'cannot find symbol','traceback':['line 1','^'],"
                + "'status':'error','user_expressions':{}}", new Execute.Reply.Failed(2, error));
        assertWire("{'status':'aborted','execution_count':2}", new Execute.Reply.Aborted(2));
    }

    @Test
    void anInterruptedCellSaysSoInRed() {
        assertWire("{'ename':'Interrupted','evalue':'The cell was interrupted; the kernel is ready for the next one.',"
                        + "'traceback':['\\u001b[0;31mInterrupted\\u001b[0m: The cell was interrupted; the kernel is ready for the next one.']}",
                Execute.Error.of(new EvalOutcome.Interrupted()));
    }

    @Test
    void inputAndResult() {
        assertWire("{'code':'1 + 1','execution_count':5}", new Execute.Input("1 + 1", 5));
        assertWire("{'data':{'text/plain':'2'},'metadata':{},'execution_count':5}", Execute.Result.of(MimeBundle.text("2"), 5));
    }

    @Test
    void displayDataCarriesTheBundleAndItsDisplayId() {
        MimeBundle bundle = new MimeBundle(Map.of("text/plain", "chart"), Map.of("image/png", Map.of("width", 320)))
                .with("image/png", "iVBOR");
        assertWire("{'data':{'text/plain':'chart','image/png':'iVBOR'},'metadata':{'image/png':{'width':320}},"
                + "'transient':{'display_id':'d1'}}", Display.Data.of(bundle, "d1"));
    }

    @Test
    void kernelInfo() {
        String java = System.getProperty("java.version");
        assertWire("{'status':'ok','protocol_version':'5.3','implementation':'sparkbook','implementation_version':'9.9',"
                + "'language_info':{'name':'java','version':'" + java + "','mimetype':'text/x-java','file_extension':'.jsh',"
                + "'codemirror_mode':'text/x-java','pygments_lexer':'java'},"
                + "'banner':'sparkbook 9.9: Java " + java + " through JShell, with a live Spark StreamingContext',"
                + "'debugger':false,'help_links':[{'text':'Spark Streaming guide',"
                + "'url':'https://spark.apache.org/docs/latest/streaming-programming-guide.html'}]}", KernelInfo.Reply.of("9.9"));
    }

    @Test
    void completeCountsCursorsInCodePoints() {
        String code = "String s = \"\uD83D\uDE00\"; s.len"; // the emoji is one code point, two chars
        int start = code.length() - 3; // chars 19..22 are code points 18..21
        assertWire("{'matches':['length('],'cursor_start':18,'cursor_end':21,'metadata':{},'status':'ok'}",
                Complete.Reply.at(code, List.of("length("), start, code.length()));
    }

    @Test
    void isCompleteHasAnIndentOnlyWhereOneIsGiven() {
        assertWire("{'status':'incomplete','indent':'    '}", new IsComplete.Indented("incomplete", "    "));
        assertWire("{'status':'complete'}", new IsComplete.Verdict("complete"));
    }

    @Test
    void historyRowsAreTuplesWithOrWithoutOutput() {
        List<HistoryLog.Entry> entries = List.of(new HistoryLog.Entry(1, 1, "1 + 1", "2"), new HistoryLog.Entry(1, 2, "int x;", null));
        assertWire("{'status':'ok','history':[[1,1,'1 + 1'],[1,2,'int x;']]}", History.Reply.of(entries, false));
        assertWire("{'status':'ok','history':[[1,1,['1 + 1','2']],[1,2,['int x;',null]]]}", History.Reply.of(entries, true));
    }

    @Test
    void inspect() {
        assertWire("{'status':'ok','found':true,'data':{'text/plain':'int length()'},'metadata':{}}", Inspect.Reply.found("int length()"));
        assertWire("{'status':'ok','found':false,'data':{},'metadata':{}}", Inspect.Reply.nothing());
    }

    @Test
    void commsAndControl() {
        assertWire("{'status':'ok','comms':{'c1':{'target_name':'t'}}}", new Comm.InfoReply("ok", Map.of("c1", new Comm.Target("t"))));
        assertWire("{'comm_id':'c1','data':{}}", new Comm.Close("c1", Map.of()));
        assertWire("{'status':'ok','restart':true}", new Shutdown.Reply(true));
        assertWire("{'status':'ok'}", Interrupt.Reply.OK);
        assertWire("{'status':'error','ename':'IllegalStateException','evalue':'broken','traceback':[]}",
                new ErrorReply("IllegalStateException", "broken"));
        assertEquals("history_reply", ErrorReply.answering("history_request").name());
    }

    @Test
    void broadcastsAndInput() {
        assertWire("{'execution_state':'busy'}", Status.BUSY);
        assertWire("{'name':'stdout','text':'<b>&</b>\\n'}", new Stream("stdout", "<b>&</b>\n"));
        assertWire("{'prompt':'Name: ','password':false}", new Input.Request("Name: ", false));
        assertWire("{'prompt':null,'password':true}", new Input.Request(null, true));
    }
}
